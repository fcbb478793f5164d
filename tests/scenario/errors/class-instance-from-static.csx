// @title error case
class Counter
{
    int count;
    void Add() { count++; }
    static void Main() { Add(); count = 2; Counter.Add(); }
}
