using Sweeps.Lstm.Tasks;

namespace Sweeps.Lstm.Tests.Tasks;

public class AddingTaskTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(100)]
    public void Every_sequence_marks_two_values_and_asks_for_their_scaled_sum_at_the_end(int length)
    {
        var task = AddingTask.Generate(new TaskSizes(200, 10, 10, length), seed: 3);
        Assert.Equal((2, 1), (task.InputSize, task.OutputSize));
        Assert.Equal(Enumerable.Range(0, length).Select(t => t == length - 1), task.Train.LossSteps);
        foreach (var sequence in task.Train.Sequences)
        {
            var marked = Enumerable.Range(0, length).Where(t => sequence.Inputs[2 * t + 1] == 1).ToArray();
            Assert.Equal(2, marked.Length);
            Assert.True(marked[0] < length / 2 && marked[1] >= length / 2, "one marker in each half");
            Assert.All(Enumerable.Range(0, length), t => Assert.InRange(sequence.Inputs[2 * t], -1, 1));
            var expected = 0.5 + (sequence.Inputs[2 * marked[0]] + sequence.Inputs[2 * marked[1]]) / 4;
            Assert.Equal(expected, sequence.Targets[length - 1], 15);
        }
    }

    [Fact]
    public void Always_predicting_one_half_scores_about_one_twenty_fourth()
    {
        var task = AddingTask.Generate(new TaskSizes(20000, 1, 1, 10), seed: 4);
        var mse = task.Train.Sequences.Average(s => Math.Pow(s.Targets[^1] - 0.5, 2));
        Assert.Equal(AddingTask.TrivialLoss, mse, 0.002);
    }
}
