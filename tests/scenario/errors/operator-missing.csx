// @title error case
class Money
{
    public int Cents;
}
void Main()
{
    Money a = new Money(), b = new Money();
    var c = a + b;
}
