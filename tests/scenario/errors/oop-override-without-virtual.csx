// @title error case
class Animal { public string Sound() => "..."; }
class Dog : Animal { public override string Sound() => "woof"; }
void Main() { Console.WriteLine(new Dog().Sound()); }
