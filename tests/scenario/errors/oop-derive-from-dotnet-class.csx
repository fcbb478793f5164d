// @title error case
class OutOfEggsException : Exception
{
    public OutOfEggsException(string message) : base(message) { }
}
void Main() { }
