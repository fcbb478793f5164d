// @title t
void Main()
{
    goto end;
}
