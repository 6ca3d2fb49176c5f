// Prints one closing line, "jest: N passed, N failed", that any CI can read. It is written when
// the process exits so that it comes after Jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    process.once('exit', () => {
      process.stderr.write(`${skipped > 0 ? `${line}, ${skipped} skipped` : line}\n`);
    });
  }
}

module.exports = SummaryReporter;
