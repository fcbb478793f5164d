// @title error case
class Money
{
    public int Cents;
    public Money operator +(Money a, Money b) => a;
}
void Main() { }
