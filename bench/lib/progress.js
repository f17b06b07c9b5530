/** One line per step on stderr, with the step number and the time since the run began; stdout stays the table. */
export function createProgress(total) {
  const started = Date.now();
  let step = 0;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s`;
  return {
    scenario(name) {
      step++;
      process.stderr.write(`[${step}/${total}] ${elapsed()}  ${name}\n`);
      return (text) => process.stderr.write(`        ${elapsed()}    … ${text}\n`);
    },
    done() {
      process.stderr.write(`done in ${elapsed().trim()}\n`);
    },
  };
}
