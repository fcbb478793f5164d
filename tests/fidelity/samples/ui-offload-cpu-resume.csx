// @title     UI: Task.Run offloads CPU work, the await comes back to the UI thread
// @environment ui
// @cores 4
// @expect outcome completed
// @expect end-at 150ms
// Held out: the CPU work runs on a pool thread while the UI thread stays free; the
// continuation is posted back to the UI thread.

async void Button_Click(object sender, EventArgs e)
{
    Console.WriteLine("click: offloading");
    int result = await Task.Run(() =>
    {
        Cpu.Work(150);
        Console.WriteLine("work done on the pool");
        return 7;
    });
    Console.WriteLine($"back on the UI thread with {result}");
}
