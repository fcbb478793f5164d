// @title     Exceptions in async methods: await them, or they vanish
// @questions 30
// @topic     Exceptions
// @knob AwaitCall = true "Await SaveAuditLogAsync (off: fire and forget)"
// @expect outcome completed
// @expect-when AwaitCall=true end-at 300ms ± 3ms
// @expect-when AwaitCall=true output-order "caught after the await: audit table is full" "finally ran" "Main finished"
// @expect-when AwaitCall=false lint unobserved-exception
// @expect-when AwaitCall=false no-output "caught"
// @expect-when AwaitCall=true no-lint unobserved-exception
// @expect-when AwaitCall=false end-at 200ms ± 3ms
// @expect-when AwaitCall=false output-order "order saved" "finally ran" "Main finished"
// @expect-when AwaitCall=true output-at "caught after the await" 100ms
// @expect-when AwaitCall=false output-at "order saved" 0ms
// @note L42: The exception is stored in SaveAuditLogAsync's Task, which becomes Faulted.
// @note L50: await rethrows the stored exception here, so the ordinary catch block below handles it.
// @note L61: finally blocks run on whatever thread the method resumed on.

/* @explain
Inside async methods you handle exceptions with ordinary `try`/`catch`/`finally` — as long
as you **await** the task that can fail.

An exception thrown inside an async method does not fly up the call stack. The method's
Task becomes *Faulted* and keeps the exception. It reappears where the task is awaited (or
waited on). In the default run `HandleOrderAsync` awaits the audit write; at 100 ms the
write fails, the exception is rethrown at the `await`, the `catch` reports it and
`finally` runs — all on the pool thread that resumed the method.

Flip **AwaitCall** off to *fire and forget*. `HandleOrderAsync` prints *order saved* at
0 ms — a lie — and the failure at 100 ms lands in a task nobody looks at. The program
finishes normally and nobody learns that the audit record was never written. (In .NET it
would at most surface later as an unobserved task exception event.)

Rules: await every task you start (or keep it and await it later, e.g. with `WhenAll`);
catch specific exception types; never use `async void` except for event handlers (see
`30-unhandled-async-void`).
*/

async Task SaveAuditLogAsync(int orderId)
{
    await Db.QueryAsync($"INSERT INTO Audit VALUES ({orderId})", 100);
    throw new InvalidOperationException("audit table is full");
}

async Task HandleOrderAsync(int orderId)
{
    try
    {
        if (AwaitCall)
            await SaveAuditLogAsync(orderId);
        else
            SaveAuditLogAsync(orderId);   // fire and forget: the task is dropped
        Console.WriteLine("order saved");
    }
    catch (InvalidOperationException ex)
    {
        Console.WriteLine($"caught after the await: {ex.Message}");
    }
    finally
    {
        Console.WriteLine("finally ran");
    }
}

void Main()
{
    HandleOrderAsync(1001).GetAwaiter().GetResult();
    Thread.Sleep(200);   // keep the process alive a little longer
    Console.WriteLine("Main finished");
}
