// @title     The async state machine: two instances, numbered await points
// @questions 12
// @topic     Internals
// @expect outcome completed
// @expect end-at 350ms ± 2ms
// @expect output-order "docs: all 2 files synced" "photos: all 3 files synced"
// @expect output-at "docs: all 2 files synced" 250ms
// @expect output-at "photos: all 3 files synced" 350ms
// @expect output-at "docs: both files downloaded" 200ms
// @note L37: One await point inside a loop: always state 0, whatever the iteration.
// @note L40: The second await point in the text: state 1.
// @note L47: A second, independent state machine of the same method.

/* @explain
An **async state machine** is the object the compiler generates for each async method.
Every *call* creates its own instance, holding that call's parameters, locals (`i`,
`folder`, `files`), the current `state` and the builder that owns the returned Task.

Await points are numbered by where they appear in the source, not by how often they run.
The HTTP call inside the loop is await point 0; the database update after the loop is
await point 1. So the `photos` machine passes through state 0 three times and state 1
once.

Two calls run here at the same time. In the state-machine view you can see both
instances side by side: between 200 and 250 ms `docs` is already in state 1 (its two
downloads finished at 200 ms) while `photos` is still in state 0 on its third file. Each resumption runs on
whichever pool thread completed the I/O; the instance carries everything the method needs
to continue, which is why nothing has to stay on a thread between awaits.

`docs` finishes at 250 ms, `photos` at 350 ms, and `WhenAll` waits for both.
*/

async Task SyncFolderAsync(string folder, int files)
{
    for (int i = 1; i <= files; i++)
    {
        await Http.GetAsync($"https://files.example/{folder}/{i}", 100);
    }
    if (folder == "docs") Console.WriteLine("docs: both files downloaded");
    await Db.QueryAsync($"UPDATE Folders SET Synced = 1 WHERE Name = '{folder}'", 50);
    Console.WriteLine($"{folder}: all {files} files synced");
}

void Main()
{
    Task photos = SyncFolderAsync("photos", 3);
    Task docs = SyncFolderAsync("docs", 2);
    Task.WhenAll(photos, docs).Wait();
}
