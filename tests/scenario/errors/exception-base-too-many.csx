// @title error case
class OrderFailedException : Exception
{
    public OrderFailedException(string m) : base(m, null, 3) { }
}
void Main() { }
