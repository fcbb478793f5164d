// @title t
int Numbers()
{
    yield return 1;
}
void Main() { }
