// @title Button_Click with no parameters; awaits come back to the UI thread
// @environment ui
static int ui;
async void Button_Click()
{
    ui = Thread.CurrentThread.ManagedThreadId;
    await Task.Delay(100);
    Console.WriteLine(Thread.CurrentThread.ManagedThreadId == ui ? "back on UI" : "elsewhere");
    await Task.Run(() => Cpu.Work(50));
    Console.WriteLine("after Task.Run");
}
