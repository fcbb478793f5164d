// @title     One task fails in WhenAll: it still waits for all, await throws only one
// @questions 28
// @topic     Combinators
// @expect outcome completed
// @expect end-at 300ms ± 3ms
// @expect-when runtime=net8 output-order "inventory ok" "await threw only the first: billing is down" "Wait() shows all: billing is down" "Wait() shows all: email is down"
// @expect-when runtime=netfx output-order "inventory ok" "await threw only the first: email is down" "Wait() shows all: email is down" "Wait() shows all: billing is down"
// @expect output-at "billing failed" 50ms
// @expect output-at "email failed" 150ms
// @note L45: billing fails at 50 ms and email at 150 ms, but WhenAll keeps waiting for inventory.
// @note L55: At 300 ms the combined task is Faulted; await rethrows one exception: the earliest failure (on netfx, the first in argument order).
// @note L77: Wait() threw the AggregateException that holds every failure, in the order they failed (argument order on netfx).
// @quiz Which exception does await all rethrow?
// @answer billing is down (it failed first)
// @choice email is down (first in argument order)
// @choice An AggregateException
// @why Modern .NET records the failures as they happen, so await rethrows the earliest one; .NET Framework (the netfx runtime) uses argument order and would rethrow email.

/* @explain
When one of the tasks given to `Task.WhenAll` fails, nothing is cut short:

1. `WhenAll` still waits until **every** task has finished. Billing fails at 50 ms and
   email at 150 ms, yet the combined task completes only at 300 ms, when inventory is done.
   The other tasks are not canceled — inventory prints *ok*.
2. The combined task ends **Faulted**, and its exception is an `AggregateException`
   containing all failures, in the order they happened (billing, then email).
3. `await` rethrows just one of them: the first in that list, billing.

That order is modern .NET's (measured on .NET 10). .NET Framework and Mono list the
failures in **argument order** instead, so there `await` rethrows email although billing
failed earlier: switch the runtime to `netfx` to see it. Code should not depend on which
one it gets. A plain `try { await Task.WhenAll(...) } catch` sees one error. To report
every error, keep a reference to the `WhenAll` task and look at all its inner exceptions:
here Main calls `Wait()`, which throws the whole `AggregateException`.

If you want to stop the others when one fails, you have to arrange it: share a
`CancellationTokenSource` and cancel it in the failing path.
*/

async Task NotifyAsync(string service, int ms, bool fails)
{
    await Http.GetAsync($"https://{service}.example/notify", ms);
    if (fails)
    {
        Console.WriteLine($"{service} failed");
        throw new InvalidOperationException($"{service} is down");
    }
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
