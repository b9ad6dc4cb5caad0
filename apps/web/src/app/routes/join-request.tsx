// /join-request: asking to join while signed out, and the requester's status page, reached from
// the emailed links (`?confirm=` once, then `?token=`).
import { useSearchParams } from 'react-router';
import { JoinRequestPage } from '@/features/requests/components/join-request-page';
import { useDocumentTitle } from '@/lib/use-document-title';

export function JoinRequestRoute() {
  useDocumentTitle('Ask to join');
  const [params, setParams] = useSearchParams();
  return (
    <main className="centered-page" id="main">
      <JoinRequestPage
        confirmToken={params.get('confirm')}
        statusToken={params.get('token')}
        onStatusToken={(token) => setParams({ token }, { replace: true })}
      />
    </main>
  );
}
