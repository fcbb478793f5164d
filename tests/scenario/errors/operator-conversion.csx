// @title error case
class Money
{
    public int Cents;
    public static implicit operator int(Money m) => m.Cents;
}
void Main() { }
