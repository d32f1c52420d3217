/** `run` wrapped to run once on the next animation frame, however often it is asked for before then. */
export function oncePerFrame(run: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      run();
    });
  };
}
