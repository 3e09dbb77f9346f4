using PredLlm.Synth.Privacy.Distance;

namespace PredLlm.Synth.Tests.Privacy.Distance;

public class EditDistanceTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("39,State-gov,Bachelors", "39,State-gov,Bachelors", 0)]
    [InlineData("héllo wörld", "hello world", 2)]
    public void Known_distances(string a, string b, int expected)
    {
        Assert.Equal(expected, new EditDistance(a).DistanceTo(b));
        Assert.Equal(expected, new EditDistance(b).DistanceTo(a));
    }

    [Fact]
    public void Agrees_with_the_textbook_table_on_texts_longer_than_one_and_two_machine_words()
    {
        var random = new Random(5);
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => "ab,1.x\u00e9"[random.Next(7)])]);

        foreach (var (m, n) in new[] { (10, 12), (63, 64), (64, 65), (100, 90), (130, 140), (200, 20) })
        {
            var a = Text(m);
            var b = Text(n);
            Assert.Equal(Textbook(a, b), new EditDistance(a).DistanceTo(b));
        }
    }

    [Fact]
    public void Normalised_distance_is_divided_by_the_longer_text()
    {
        Assert.Equal(3 / 7.0, new EditDistance("kitten").NormalisedTo("sitting"), 10);
        Assert.Equal(0, new EditDistance(string.Empty).NormalisedTo(string.Empty));
    }

    private static int Textbook(string a, string b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            table[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            table[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = Math.Min(Math.Min(table[i - 1, j] + 1, table[i, j - 1] + 1), table[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return table[a.Length, b.Length];
    }
}
