// @title error case
class A { public virtual void Hello() { } }
class B : A { public override void Hello() { base.Goodbye(); } }
void Main() { new B().Hello(); }
