// @title     AggregateException: Wait() wraps, GetAwaiter().GetResult() unwraps
// @questions 29
// @topic     Exceptions
// @knob UseGetAwaiter = false "Block with GetAwaiter().GetResult() instead of Wait()"
// @expect outcome completed
// @expect end-at 300ms ± 2ms
// @expect output-order "nested: 1 inner exception, of type AggregateException" "Flatten(): 2 inner exceptions"
// @expect-when UseGetAwaiter=false output "AggregateException with 2 inner exceptions"
// @expect-when UseGetAwaiter=false output-order "inner: Response status code does not indicate success" "inner: avatar storage is offline"
// @expect-when UseGetAwaiter=true output "HttpRequestException, only the first: Response status code does not indicate success"
// @expect-when UseGetAwaiter=false output-at "AggregateException with 2 inner exceptions" 150ms
// @expect output-at "Flatten(): 2 inner exceptions" 300ms
// @note L58: Wait() and .Result report failures wrapped in an AggregateException.
// @note L64: Both failures are inside, in argument order.

/* @explain
`AggregateException` is an exception that contains other exceptions, in its
`InnerExceptions` list. The Task library uses it because a task can represent several
operations at once — a `WhenAll`, or a parent with attached children — and so may have
failed for several reasons.

How you wait decides what you see:

- `task.Wait()` and `task.Result` throw the **AggregateException** itself. Here the
  profile request fails at 100 ms and the avatar at 150 ms; `Wait()` returns at 150 ms
  with both inside.
- `await task` and `task.GetAwaiter().GetResult()` throw the **first inner exception**
  directly, as if the code had been synchronous. Flip **UseGetAwaiter**: the catch for
  `HttpRequestException` runs, and the avatar failure is not reported.

That is why code that blocks with `.Wait()`/`.Result` is forced into
`catch (AggregateException)` and must dig out the real error, while async code can catch
specific types naturally. When you need all errors after an await, read the `WhenAll`
task's exception or wait on it as shown here. The second block waits on a `Task.Run` whose
body itself calls `Wait()`: the wrappers nest, and `Flatten()` lifts both failures out
(at 300 ms).
*/

async Task<string> LoadProfileAsync()
{
    return await Http.GetAsync("https://profiles.example/me", 100, fail: true);
}

async Task<string> LoadAvatarAsync()
{
    await Task.Delay(150);
    throw new InvalidOperationException("avatar storage is offline");
}

void Main()
{
    Task both = Task.WhenAll(LoadProfileAsync(), LoadAvatarAsync());
    try
    {
        if (UseGetAwaiter)
            both.GetAwaiter().GetResult();
        else
            both.Wait();
    }
    catch (AggregateException agg)
    {
        Console.WriteLine($"AggregateException with {agg.InnerExceptions.Count} inner exceptions");
        foreach (Exception inner in agg.InnerExceptions)
            Console.WriteLine($"inner: {inner.Message}");
    }
    catch (HttpRequestException ex)
    {
        Console.WriteLine($"HttpRequestException, only the first: {ex.Message}");
    }

    // Blocking on a task whose own body blocks nests one wrapper inside another.
    try
    {
        Task.Run(() => Task.WhenAll(LoadProfileAsync(), LoadAvatarAsync()).Wait()).Wait();
    }
    catch (AggregateException outer)
    {
        Console.WriteLine($"nested: {outer.InnerExceptions.Count} inner exception, of type {outer.InnerException.GetType().Name}");
        Console.WriteLine($"Flatten(): {outer.Flatten().InnerExceptions.Count} inner exceptions");
    }
}
