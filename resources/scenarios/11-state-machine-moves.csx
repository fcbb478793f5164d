// @title     Inside async/await: one MoveNext per resumption
// @questions 11
// @topic     Internals
// @expect outcome completed
// @expect end-at 230ms ± 2ms
// @expect output-order "MoveNext #1" "Main: CheckoutAsync returned" "MoveNext #2" "MoveNext #3" "MoveNext #4" "order 1001"
// @expect output-at "MoveNext #2" 100ms
// @expect output-at "MoveNext #3" 180ms
// @expect output-at "MoveNext #4" 230ms
// @note L39: Await point 0: state becomes 0, MoveNext returns, the builder hands Main the Task.
// @note L41: Await point 1: resumed by the database completion, suspended again in state 1.
// @note L43: Await point 2: the last suspension, state 2.
// @note L44: The last MoveNext: the return below completes the Task with its result (state -2, finished).

/* @explain
The C# compiler rewrites an async method into a **state machine**: a hidden struct holding
the method's locals, its parameters, an integer `state`, and an `AsyncTaskMethodBuilder`
that owns the returned Task. The method body becomes a `MoveNext()` method with a jump
table at the top.

- The first call runs `MoveNext` with state -1, from the top until the first
  incomplete await.
- At each await the code stores the await's number in `state` (0, 1, 2 here), registers
  `MoveNext` as the continuation of the awaited task, and returns.
- When that task completes, `MoveNext` runs again, jumps straight to the code after
  the matching await, and continues.
- `return` sets the builder's result, which completes the Task and runs *its*
  continuations — here it releases Main.

Open the state-machine view for `CheckoutAsync`: four `MoveNext` calls in total, one
synchronous and three triggered by I/O completions at 100, 180 and 230 ms, each on
whatever pool thread completed the I/O. No thread waits in between; the only thing
that persists across the gaps is the state machine object on the heap.
*/

async Task<string> CheckoutAsync(int cartId)
{
    Console.WriteLine("MoveNext #1: started in state -1");
    await Db.QueryAsync($"SELECT * FROM Carts WHERE Id = {cartId}", 100);
    Console.WriteLine("MoveNext #2: resumed after await 0");
    string quote = await Http.GetAsync("https://pricing.example/quote", 80);
    Console.WriteLine("MoveNext #3: resumed after await 1");
    await Db.QueryAsync("INSERT INTO Orders (CartId) VALUES (5)", 50);
    Console.WriteLine("MoveNext #4: resumed after await 2, completing the Task");
    return "order 1001";
}

void Main()
{
    Task<string> order = CheckoutAsync(5);
    Console.WriteLine("Main: CheckoutAsync returned its Task at the first await");
    Console.WriteLine(order.Result);
}
