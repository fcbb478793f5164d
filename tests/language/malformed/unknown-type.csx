// @title t
void Main()
{
    var sb = new StringBuilder();
}
