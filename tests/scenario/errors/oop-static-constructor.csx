// @title error case
class Log
{
    static int lines;
    static Log() { lines = 1; }
}
void Main() { }
