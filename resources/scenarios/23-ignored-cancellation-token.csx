// @title     A CancellationToken that is ignored does nothing
// @questions 23
// @topic     Cancellation
// @knob HonorToken = false "Check the token in the loop"
// @expect outcome completed
// @expect-when HonorToken=false end-at 600ms ± 3ms
// @expect-when HonorToken=false output-order "generated 6 invoices" "caller received 6 invoices long after it gave up"
// @expect-when HonorToken=false lint ignored-cancellation
// @expect-when HonorToken=true no-lint ignored-cancellation
// @expect-when HonorToken=true end-at 200ms ± 2ms
// @expect-when HonorToken=true output "stopped at the next check after the cancel"
// @expect-when HonorToken=false output-at "generated 6 invoices" 600ms
// @expect-when HonorToken=true output-at "stopped at the next check" 200ms
// @note L52: The caller gives up after 150 ms: the token is canceled then.
// @note L43: The work keeps going after 150 ms because nothing looks at the token.

/* @explain
Cancelling a `CancellationTokenSource` only flips a flag and runs the registered callbacks.
It does not interrupt threads or abort tasks. If a method accepts a token but never checks
it and never passes it on, cancellation simply has no effect.

`GenerateInvoicesAsync` takes a token, and the caller cancels after 150 ms. In the default
run the token is ignored: the method inserts all six invoices, one every 100 ms, and
returns at 600 ms. The caller had long stopped caring, yet the database did all the work
and the caller was kept waiting — watch the CTS in the inspector turn *canceled* at
150 ms while the task keeps running.

Turn **HonorToken** on: the loop calls `ThrowIfCancellationRequested` before each insert.
The check at 200 ms (after the second insert) throws, the task ends as Canceled, and the
caller is free at 200 ms. Passing the token into APIs that accept one would stop it even
sooner, in the middle of an operation.

A method that takes a `CancellationToken` should honour it, or at least pass it on.
*/

async Task<int> GenerateInvoicesAsync(int count, CancellationToken token)
{
    int done = 0;
    for (int i = 1; i <= count; i++)
    {
        if (HonorToken)
            token.ThrowIfCancellationRequested();
        await Db.QueryAsync($"INSERT INTO Invoices VALUES ({i})", 100);
        done++;
    }
    Console.WriteLine($"generated {done} invoices");
    return done;
}

void Main()
{
    var cts = new CancellationTokenSource(150);
    try
    {
        int n = GenerateInvoicesAsync(6, cts.Token).GetAwaiter().GetResult();
        Console.WriteLine($"caller received {n} invoices long after it gave up");
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("stopped at the next check after the cancel");
    }
}
