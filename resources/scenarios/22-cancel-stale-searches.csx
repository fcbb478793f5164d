// @title     Why cancellation matters: stale searches waste the UI thread
// @questions 22
// @topic     Cancellation
// @environment ui
// @knob CancelStaleSearches = true "Cancel the previous search on each keystroke"
// @expect outcome completed
// @expect-when CancelStaleSearches=true end-at 550ms ± 3ms
// @expect-when CancelStaleSearches=true output-order "search 'a' canceled" "search 'as' canceled" "search 'asy' canceled" "showing results for 'async'"
// @expect-when CancelStaleSearches=true no-output "showing results for 'a'"
// @expect-when CancelStaleSearches=false end-at 700ms ± 3ms
// @expect-when CancelStaleSearches=false output-order "showing results for 'a'" "showing results for 'as'" "showing results for 'asy'" "showing results for 'async'"
// @expect-when CancelStaleSearches=true output-at "search 'a' canceled" 50ms
// @expect-when CancelStaleSearches=true output-at "showing results for 'async'" 550ms
// @expect-when CancelStaleSearches=false output-at "showing results for 'async'" 700ms
// @note L62: Typing a new letter cancels the search for the previous one; its pending request ends at once.
// @note L45: Each search takes 300 ms; without cancellation every one of them comes back.
// @note L46: Rendering needs the single UI thread: stale results delay the one the user wants.

/* @explain
A search box starts a new query on every keystroke. The user types *async* one letter
every 50 ms, so four searches are started; only the last one matters.

Without cancellation (**CancelStaleSearches** off) all four requests come back and each
one renders its results on the UI thread for 100 ms. The UI lane shows four render blocks
back to back; the results for *async* — the only ones the user wants — appear at 700 ms,
after the screen has flickered through three stale lists. On a server the same pattern
means CPU, database connections and bandwidth spent on answers nobody reads.

With cancellation each keystroke cancels the previous search. Its HTTP task ends as
Canceled immediately, the search prints *canceled* and renders nothing. The only render is
the one for *async*, done at 550 ms.

So cancellation is not just politeness: it frees resources early, keeps queues short, and
prevents out-of-date results from overwriting fresh ones. Pass a token to every API that
accepts one, and give long operations a way to be abandoned (user action, timeout, request
aborted).
*/

static CancellationTokenSource current;

async Task SearchAsync(string query, CancellationToken token)
{
    try
    {
        string json = await Http.GetAsync($"https://search.example/?q={query}", 300, token);
        Cpu.Work(100);   // render the results on the UI thread
        Console.WriteLine($"showing results for '{query}'");
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"search '{query}' canceled");
    }
}

async void Button_Click(object sender, EventArgs e)
{
    var searches = new List<Task>();
    string[] typed = new[] { "a", "as", "asy", "async" };
    foreach (string query in typed)
    {
        if (CancelStaleSearches && current != null)
            current.Cancel();
        current = new CancellationTokenSource();
        searches.Add(SearchAsync(query, current.Token));
        await Task.Delay(50);   // the user types the next letter
    }
    await Task.WhenAll(searches);
}
