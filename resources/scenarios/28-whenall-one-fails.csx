// @title     One task fails in WhenAll: it still waits for all, await throws the first
// @questions 28
// @topic     Combinators
// @expect outcome completed
// @expect end-at 300ms ± 3ms
// @expect output-order "inventory ok" "await threw only the first: email is down" "Wait() shows all: email is down" "Wait() shows all: billing is down"
// @note L40: billing fails at 50 ms and email at 150 ms, but WhenAll keeps waiting for inventory.
// @note L48: At 300 ms the combined task is Faulted; await rethrows one exception: the first in argument order.
// @note L70: Wait() threw the AggregateException that holds every failure, in argument order.
// @quiz Which exception does await all rethrow?
// @choice billing is down (it failed first)
// @answer email is down (first in argument order)
// @choice An AggregateException
// @why await rethrows the first exception in the order of the arguments, not in the order of failure.

/* @explain
When one of the tasks given to `Task.WhenAll` fails, nothing is cut short:

1. `WhenAll` still waits until **every** task has finished. Billing fails at 50 ms and
   email at 150 ms, yet the combined task completes only at 300 ms, when inventory is done.
   The other tasks are not canceled — inventory prints *ok*.
2. The combined task ends **Faulted**, and its exception is an `AggregateException`
   containing all failures, ordered by the argument list (email, then billing).
3. `await` rethrows just one of them: the first *in argument order*, which is email —
   even though billing failed earlier.

(That order is what .NET Framework, Mono and this model do; a real run on .NET 10 lists
the failures in the order they happened, so there billing comes first.) So a plain
`try { await Task.WhenAll(...) } catch` sees one error. To report every error,
keep a reference to the `WhenAll` task and look at all its inner exceptions: here Main
calls `Wait()`, which throws the whole `AggregateException`.

If you want to stop the others when one fails, you have to arrange it: share a
`CancellationTokenSource` and cancel it in the failing path.
*/

async Task NotifyAsync(string service, int ms, bool fails)
{
    await Http.GetAsync($"https://{service}.example/notify", ms);
    if (fails) throw new InvalidOperationException($"{service} is down");
    Console.WriteLine($"{service} ok");
}

async Task PlaceOrderAsync(Task all)
{
    try
    {
        await all;
    }
    catch (InvalidOperationException ex)
    {
        Console.WriteLine($"await threw only the first: {ex.Message}");
    }
}

void Main()
{
    Task all = Task.WhenAll(
        NotifyAsync("inventory", 300, false),
        NotifyAsync("email", 150, true),
        NotifyAsync("billing", 50, true));
    PlaceOrderAsync(all).Wait();
    try
    {
        all.Wait();
    }
    catch (AggregateException agg)
    {
        foreach (Exception inner in agg.InnerExceptions)
            Console.WriteLine($"Wait() shows all: {inner.Message}");
    }
}
