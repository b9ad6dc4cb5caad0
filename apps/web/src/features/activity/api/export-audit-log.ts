// GET /api/audit/export.csv: the filtered log as a CSV file. The browser downloads it through a
// plain link (the session cookie goes along; the BFF answers with an attachment).
import { routes, type AuditFilterQuery } from '@app/contracts';

export function auditExportUrl(filters: AuditFilterQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  const query = params.toString();
  return query === '' ? routes.auditExport : `${routes.auditExport}?${query}`;
}
