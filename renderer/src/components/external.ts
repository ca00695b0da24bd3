import type { MouseEvent } from 'react';
import { errorMessage, guard } from '../guard';
import { toast } from '../stores/toasts';

/** Links never navigate the console: main vets the URL and opens it in the system browser. */
export function openExternal(url: string) {
  return (e?: MouseEvent) => {
    e?.preventDefault();
    guard.app.openExternal({ url }).catch((err: unknown) => {
      toast({ tone: 'error', title: 'Could not open the link', message: errorMessage(err) });
    });
  };
}
