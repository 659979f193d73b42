import { useCallback } from 'react';
import { App } from 'antd';
import { errorMessage } from './api';

/** Shows the server's message for a failed action (the session-ended case is handled globally). */
export function useNotifyError(): (error: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      void message.error(errorMessage(error));
    },
    [message],
  );
}
