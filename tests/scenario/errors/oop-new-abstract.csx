// @title error case
interface IShape { double Area(); }
abstract class Shape : IShape { public abstract double Area(); }
void Main()
{
    var s = new Shape();
    var i = new IShape();
}
