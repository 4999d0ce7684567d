import { useMemo, useState } from 'react';
import { i18n } from '#i18n';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import { compileModel } from '@/lib/domain/scoring';
import type { ScoringModel } from '@/lib/domain/scoring-model';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { useContactSearch } from '@/lib/query/hooks';
import { useCompany } from '@/lib/query/profile';
import { useTimeline } from '@/lib/query/record';

/** The draft model applied, in this page, to a real contact and its timeline: no save needed to see the effect. */
export function ScorePreview({ model }: { model: ScoringModel | null }) {
  const recent = useContactSearch('', 50);
  const [picked, setPicked] = useState('');
  const contact = recent.data?.find((c) => c.id === picked) ?? recent.data?.[0];
  const timeline = useTimeline(contact?.id ?? '');
  const company = useCompany(contact?.companyDomain ?? '');
  const [now] = useState(() => Date.now());
  const scorer = useMemo(() => (model ? compileModel(model) : null), [model]);
  const result = contact && scorer && timeline.data ? scorer({ contact: toScoringContact(contact, company.data), activities: timeline.data }, now) : null;

  return (
    <aside className="preview" data-testid="scoring-preview" aria-labelledby="preview-title">
      <h3 id="preview-title">{i18n.t('scoringEditor.previewTitle')}</h3>
      {recent.data?.length === 0 && <p className="muted">{i18n.t('scoringEditor.previewNone')}</p>}
      {contact && (
        <label>
          {i18n.t('scoringEditor.previewPick')}{' '}
          <select value={contact.id} onChange={(e) => setPicked(e.target.value)}>
            {recent.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {fullName(c) || primaryEmail(c)}
              </option>
            ))}
          </select>
        </label>
      )}
      {result && (
        <div>
          <p className="preview-total">
            <strong data-testid="preview-score">{result.total}</strong> <span className="muted">{result.grade}</span> · {i18n.t('score.fit')} {result.fit} ·{' '}
            {i18n.t('score.engagement')} {result.engagement}
          </p>
          <ul className="results">
            {result.explanation.rules.map((r) => (
              <li key={r.ruleId} className="row">
                <span>{r.label}</span>
                <span>{r.points > 0 ? `+${r.points}` : r.points}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  );
}
