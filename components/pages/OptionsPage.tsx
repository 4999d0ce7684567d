import { i18n } from '#i18n';
import { ContactSearch } from './ContactSearch';
import { DiagnosticsSection } from './DiagnosticsSection';
import { NeverLogSection } from './NeverLogSection';
import { ScoringSection } from './scoring/ScoringSection';
import { SenderSection } from './SenderSection';
import { StageSetSection } from './StageSetSection';
import { TemplatesSection } from './templates/TemplatesSection';
import { ExportSection } from './import/ExportSection';
import { ImportSection } from './import/ImportSection';
import { PrivacySection } from './privacy/PrivacySection';
import { SyncSection } from './sync/SyncSection';

export function OptionsPage() {
  return (
    <main>
      <h1>{i18n.t('options.title')}</h1>
      <section aria-labelledby="opt-data">
        <h2 id="opt-data">{i18n.t('options.dataTitle')}</h2>
        <p>{i18n.t('options.dataBody')}</p>
        <ContactSearch />
      </section>
      <StageSetSection />
      <section aria-labelledby="opt-scoring">
        <h2 id="opt-scoring">{i18n.t('options.scoringTitle')}</h2>
        <ScoringSection />
      </section>
      <TemplatesSection />
      <SenderSection />
      <NeverLogSection />
      <ImportSection />
      <ExportSection />
      <PrivacySection />
      <SyncSection />
      <DiagnosticsSection />
    </main>
  );
}
