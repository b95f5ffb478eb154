using AudioPlatform.Notify.Hub;

namespace AudioPlatform.Notify.Tests;

public class UserEventBufferTests
{
    private static Notification Event(long seq) => new(seq, NotificationTypes.AnalysisProgress, Guid.NewGuid(), DateTimeOffset.UtcNow, null);

    [Fact]
    public void Sequence_numbers_start_at_one_and_increase_by_one()
    {
        var buffer = new UserEventBuffer(capacity: 10);

        var seqs = Enumerable.Range(0, 5).Select(_ => buffer.Append(Event).Seq).ToList();

        Assert.Equal([1L, 2, 3, 4, 5], seqs);
        Assert.Equal(5, buffer.LastSeq);
    }

    [Fact]
    public void A_client_that_saw_seq_n_gets_exactly_what_came_after_it()
    {
        var buffer = new UserEventBuffer(capacity: 10);
        for (var i = 0; i < 7; i++)
        {
            buffer.Append(Event);
        }

        var (missed, complete) = buffer.Since(4);

        Assert.True(complete);
        Assert.Equal([5L, 6, 7], missed.Select(n => n.Seq));
    }

    [Fact]
    public void A_client_that_is_up_to_date_gets_nothing()
    {
        var buffer = new UserEventBuffer(capacity: 10);
        buffer.Append(Event);

        var (missed, complete) = buffer.Since(1);

        Assert.True(complete);
        Assert.Empty(missed);
    }

    [Fact]
    public void The_buffer_is_bounded_and_a_too_old_resume_is_reported_incomplete()
    {
        var buffer = new UserEventBuffer(capacity: 3);
        for (var i = 0; i < 10; i++)
        {
            buffer.Append(Event);
        }

        var (missed, complete) = buffer.Since(2);

        Assert.False(complete);
        Assert.Equal([8L, 9, 10], missed.Select(n => n.Seq));
    }

    [Fact]
    public void A_resume_from_a_number_this_buffer_never_issued_is_reported_incomplete()
    {
        var buffer = new UserEventBuffer(capacity: 3);
        buffer.Append(Event);

        var (missed, complete) = buffer.Since(50);

        Assert.False(complete);
        Assert.Empty(missed);
    }
}
