using PredLlm.Synth.Text;

namespace PredLlm.Synth.Tests.Text;

public class FieldOrderTests
{
    [Fact]
    public void Table_order_is_the_identity()
    {
        Assert.Equal([0, 1, 2, 3], FieldOrder.TableOrder(4).Columns);
    }

    [Fact]
    public void Shuffled_orders_keep_the_target_last_and_name_every_column_once()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var target = random.Next(9);

            var order = FieldOrder.FeaturesShuffledTargetLast(9, target, random);

            Assert.Equal(target, order.Columns[^1]);
            Assert.Equal(Enumerable.Range(0, 9), order.Columns.Order());
        }
    }

    [Fact]
    public void Shuffled_orders_vary_and_reach_every_feature_position()
    {
        var random = new Random(11);
        var orders = Enumerable.Range(0, 400).Select(_ => FieldOrder.FeaturesShuffledTargetLast(5, 2, random).Columns.ToArray()).ToList();

        Assert.True(orders.Select(o => string.Join(',', o)).Distinct().Count() == 24, "all 4! feature orders should appear in 400 draws");
        foreach (var feature in new[] { 0, 1, 3, 4 })
        {
            Assert.All(Enumerable.Range(0, 4), position => Assert.Contains(orders, o => o[position] == feature));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_sequence_of_orders()
    {
        static string Draw(int seed)
        {
            var random = new Random(seed);
            return string.Join('|', Enumerable.Range(0, 20).Select(_ => string.Join(',', FieldOrder.FeaturesShuffledTargetLast(12, 11, random).Columns)));
        }

        Assert.Equal(Draw(3), Draw(3));
        Assert.NotEqual(Draw(3), Draw(4));
    }

    [Fact]
    public void An_explicit_order_must_be_a_permutation()
    {
        Assert.Throws<ArgumentException>(() => FieldOrder.Of([0, 0, 1], 3));
        Assert.Throws<ArgumentException>(() => FieldOrder.Of([0, 1], 3));
        Assert.Throws<ArgumentException>(() => FieldOrder.Of([0, 1, 3], 3));
    }
}
