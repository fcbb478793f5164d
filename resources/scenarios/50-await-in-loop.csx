// @title     Common mistake: awaiting independent calls one by one in a loop
// @questions 50 26
// @topic     Production
// @knob OneByOne = true "Await each price inside the loop"
// @expect outcome completed
// @expect-when OneByOne=true end-at 500ms ± 3ms
// @expect output "priced 5 items"
// @expect-when OneByOne=false end-at 100ms ± 2ms
// @note L43: Each iteration waits 100 ms before the next request is even sent.

/* @explain
`await` inside a `foreach` is correct when each step needs the previous one's result, or
when the calls must not overlap. When the calls are independent, it needlessly turns
concurrent work into a queue.

Five prices are looked up, 100 ms each. Awaiting inside the loop (the default) sends
the second request only after the first has answered: on the timeline the five I/O bars
sit end to end, and the cart is priced at 500 ms. No thread is blocked — the code is
perfectly "async" — it is just not concurrent.

Flip **OneByOne** off: the loop only *starts* the five calls and collects the tasks;
`Task.WhenAll` then awaits them together. The bars overlap and the cart is priced at
100 ms.

Two cautions when converting: unbounded fan-out can overload the service you call — add
a limit with `SemaphoreSlim` for large collections (`43-thousand-api-calls`) — and if
the calls share state that is not thread-safe (for example one database connection),
they must stay sequential.
*/

async Task<string> GetPriceAsync(string sku)
{
    return await Http.GetAsync($"https://prices.example/{sku}", 100);
}

async Task<int> PriceCartAsync(string[] skus)
{
    if (OneByOne)
    {
        int priced = 0;
        foreach (string sku in skus)
        {
            string price = await GetPriceAsync(sku);   // waits before asking for the next one
            priced++;
        }
        return priced;
    }
    var calls = new List<Task<string>>();
    foreach (string sku in skus)
        calls.Add(GetPriceAsync(sku));
    string[] prices = await Task.WhenAll(calls);
    return prices.Length;
}

void Main()
{
    string[] cart = new[] { "book", "lamp", "mug", "pen", "desk" };
    int count = PriceCartAsync(cart).GetAwaiter().GetResult();
    Console.WriteLine($"priced {count} items");
}
