// @title t
void Main()
{
    unsafe { int x = 1; }
}
