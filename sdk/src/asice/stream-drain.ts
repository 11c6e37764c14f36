/**
 * Resolves on the stream's next 'drain'; rejects when it fails, or closes first (with an error
 * saying `closedMessage`).
 */
export function waitForDrain(
  stream: NodeJS.WritableStream & NodeJS.EventEmitter,
  closedMessage: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error(closedMessage));
    };
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
