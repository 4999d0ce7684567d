// One labelled value of a card (a <dt>/<dd> pair). Its own file: the contact page uses it without the sidebar card.

export function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="ficha-field">
      <dt>{label}</dt>
      {/* An empty value is drawn by CSS (.ficha-empty), so the field's text is empty, as its data is. */}
      <dd data-testid={testId} className={value ? undefined : 'ficha-empty'}>
        {value}
      </dd>
    </div>
  );
}
