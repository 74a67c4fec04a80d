// Prints the plain closing line 'N passed, N failed' (and skipped) after Jest's own summary,
// so a log reader that knows no Jest still sees how many tests ran.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    // After Jest's own summary, which its reporters print in this same turn.
    setTimeout(() => process.stderr.write(`\n${line}\n`), 0);
  }
}
module.exports = SummaryReporter;
