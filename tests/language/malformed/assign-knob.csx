// @title t
// @knob Limit = 3 "Limit"
void Main()
{
    Limit = 4;
}
