// @title Progress<T> created on the UI thread reports there
// @environment ui
// Progress<T> made on the UI thread captured its context: Report from a pool thread
// (after ConfigureAwait(false)) posts the handler back to the UI thread, which also runs
// the click handler's continuation afterwards (both posts in order). Compared with .NET 10
// through build-aux/fidelity (the generator's UI message loop): the same seven lines.
using System;
using System.Threading;
using System.Threading.Tasks;

class Downloader
{
    public async Task DownloadAsync(IProgress<int> progress)
    {
        for (int part = 1; part <= 3; part++)
        {
            await Task.Run(() => Thread.Sleep(100)).ConfigureAwait(false);
            Console.WriteLine($"part {part} done, reporting");
            progress.Report(part);
        }
    }
}

static class MainWindow
{
    static async void Button_Click(object sender, EventArgs e)
    {
        var progress = new Progress<int>(part => Console.WriteLine($"progress bar at part {part}"));
        await new Downloader().DownloadAsync(progress);
        Console.WriteLine("download finished");
    }
}
