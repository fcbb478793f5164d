// @title t
void Main()
{
    await Task.Delay(100);
}
