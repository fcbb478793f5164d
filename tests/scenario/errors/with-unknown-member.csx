// @title error case
record Shipment(string Id, int Days);
void Main()
{
    Shipment s = new Shipment("A", 1);
    var t = s with { Dayz = 0 };
}
