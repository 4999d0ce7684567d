import { i18n } from '#i18n';
import { ErrorNotice } from '@/components/sidebar/ErrorNotice';
import { stageLabel } from '@/components/ui/labels';
import { PRESET_STAGE_IDS, type PresetStageSetId } from '@/lib/domain/stage-ids';
import { useSettings, useUpdateSettings } from '@/lib/query/settings';

const SETS: readonly PresetStageSetId[] = ['hubspot', 'relationship'];

/** Which lifecycle stage set the sidebar offers; contacts keep their stage when the set changes. */
export function StageSetSection() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const active = (update.isPending ? update.variables?.stageSet : undefined) ?? settings.data?.stageSet ?? 'hubspot';

  return (
    <section aria-labelledby="opt-stages">
      <h2 id="opt-stages">{i18n.t('options.stagesTitle')}</h2>
      <p className="muted">{i18n.t('stageSets.body')}</p>
      <div className="stage-sets" role="radiogroup" aria-labelledby="opt-stages">
        {SETS.map((id) => (
          <label key={id} className="stage-set">
            <span className="row">
              <input type="radio" name="stage-set" value={id} data-testid="stage-set" checked={active === id} disabled={!settings.data || update.isPending} onChange={() => update.mutate({ stageSet: id })} />
              <strong>{i18n.t(`stageSets.${id}`)}</strong>
            </span>
            <ol>
              {PRESET_STAGE_IDS[id].map((stage) => (
                <li key={stage}>
                  {stageLabel(stage)} <code className="muted">{stage}</code>
                </li>
              ))}
            </ol>
          </label>
        ))}
      </div>
      {update.error && <ErrorNotice error={update.error} />}
    </section>
  );
}
