// Names the browser tab after the screen, so tabs and history entries read well.
import { useEffect } from 'react';
import { APP_NAME } from '@/config/app';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${APP_NAME}`;
  }, [title]);
}
