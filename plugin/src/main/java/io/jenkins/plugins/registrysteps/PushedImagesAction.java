package io.jenkins.plugins.registrysteps;

import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/** The build's "Pushed images" page and summary: every image its steps pushed, in the order they were pushed. */
public final class PushedImagesAction implements RunAction2 {

    private final ArrayList<PushRecord> pushes = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds pushes to the build's page, creating it on the first push, and saves the build so a restart keeps them. */
    static void record(Run<?, ?> run, List<PushRecord> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        synchronized (run) {
            PushedImagesAction action = run.getAction(PushedImagesAction.class);
            if (action == null) {
                action = new PushedImagesAction();
                run.addAction(action);
            }
            action.add(records);
        }
        run.save();
    }

    private synchronized void add(List<PushRecord> records) {
        pushes.addAll(records);
    }

    public synchronized List<PushRecord> getPushes() {
        return new ArrayList<>(pushes);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Pushed images";
    }

    @Override
    public String getUrlName() {
        return "pushed-images";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }
}
