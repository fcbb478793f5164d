// @title error case
interface IStart { void Start(); }
interface IJob : IStart { void Stop(); }
class Base : IJob { public void Stop() { } }
class Derived : Base { }
void Main() { }
