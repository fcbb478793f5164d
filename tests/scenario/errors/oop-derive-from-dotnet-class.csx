// @title error case
class Scheduler : TaskScheduler
{
}
void Main() { }
