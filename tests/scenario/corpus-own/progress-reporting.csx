// @title Progress reported through IProgress<T>
// Modelled on: the TAP documentation's progress pattern: the caller creates a
// Progress<T>, the async method reports through IProgress<T>. Our own code.
using System;
using System.Threading.Tasks;

class Uploader
{
    public async Task UploadAsync(int chunks, IProgress<int> progress)
    {
        for (int chunk = 1; chunk <= chunks; chunk++)
        {
            await Http.GetAsync($"https://upload.example.org/chunk/{chunk}", 60);
            progress.Report(chunk * 100 / chunks);
        }
    }
}

class Program
{
    static async Task Main()
    {
        var uploader = new Uploader();
        var progress = new Progress<int>(percent => Console.WriteLine($"{percent}% uploaded"));
        await uploader.UploadAsync(4, progress);
        await Task.Delay(50);
        Console.WriteLine("upload finished");
    }
}
