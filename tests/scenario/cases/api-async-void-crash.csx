// @title async void crash
async void Fire()
{
    await Task.Delay(10);
    throw new InvalidOperationException("from async void");
}
void Main()
{
    Fire();
    Thread.Sleep(100);
    Console.WriteLine("never");
}
