// @title error case
static int? cached;
void Main()
{
    int n = cached;
}
