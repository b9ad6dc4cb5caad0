// Key/value rows for an invitation's metadata (e.g. department = Sales), checked against
// Scalekit's limits with the rest of the form. Blank rows are ignored.
import { Button } from '@/components/ui/button';

export interface MetadataRow {
  id: number;
  key: string;
  value: string;
}

let nextRowId = 0;
export function newMetadataRow(): MetadataRow {
  nextRowId += 1;
  return { id: nextRowId, key: '', value: '' };
}

/** The metadata the rows hold: trimmed keys, blank rows left out. */
export function metadataOfRows(rows: readonly MetadataRow[]): Record<string, string> | undefined {
  const filled = rows.filter((row) => row.key.trim() !== '' || row.value !== '');
  if (filled.length === 0) return undefined;
  return Object.fromEntries(filled.map((row) => [row.key.trim(), row.value]));
}

export function MetadataRows({
  rows,
  error,
  onChange,
}: {
  rows: readonly MetadataRow[];
  error: string | undefined;
  onChange: (rows: MetadataRow[]) => void;
}) {
  const update = (id: number, patch: Partial<MetadataRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <fieldset className="field">
      <legend className="field__label">
        Metadata <span className="field__optional">(optional)</span>
      </legend>
      {rows.map((row, index) => (
        <div className="form__row" key={row.id}>
          <input
            className="input"
            aria-label={`Metadata key ${index + 1}`}
            placeholder="department"
            value={row.key}
            autoComplete="off"
            onChange={(event) => update(row.id, { key: event.target.value })}
          />
          <input
            className="input"
            aria-label={`Metadata value ${index + 1}`}
            placeholder="Sales"
            value={row.value}
            autoComplete="off"
            onChange={(event) => update(row.id, { value: event.target.value })}
          />
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove metadata row ${index + 1}`}
            onClick={() => onChange(rows.filter((candidate) => candidate.id !== row.id))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button size="sm" onClick={() => onChange([...rows, newMetadataRow()])}>
          Add metadata
        </Button>
      </div>
      <div className="field__hint">Keys of 3 to 25 characters, values of 1 to 256.</div>
      {error && <div className="field__error">{error}</div>}
    </fieldset>
  );
}
