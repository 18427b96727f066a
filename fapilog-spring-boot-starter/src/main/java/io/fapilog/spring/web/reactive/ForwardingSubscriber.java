package io.fapilog.spring.web.reactive;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.util.context.Context;

/** A subscriber that passes every signal on to {@code actual}: the base of operators that change one thing. */
abstract class ForwardingSubscriber implements CoreSubscriber<Void>, Scannable {

    protected final CoreSubscriber<? super Void> actual;

    ForwardingSubscriber(CoreSubscriber<? super Void> actual) {
        this.actual = actual;
    }

    @Override
    public Context currentContext() {
        return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        actual.onSubscribe(subscription);
    }

    @Override
    public void onNext(Void value) {
        actual.onNext(value);
    }

    @Override
    public void onError(Throwable error) {
        actual.onError(error);
    }

    @Override
    public void onComplete() {
        actual.onComplete();
    }

    @Override
    public Object scanUnsafe(Attr key) {
        if (key == Attr.ACTUAL) {
            return actual;
        }
        return key == Attr.RUN_STYLE ? Attr.RunStyle.SYNC : null;
    }
}
