"""English UI text. Keys are shared with text_ja.py (a test checks both have the same keys and
the same {fields}); see ui/i18n.py."""

TEXT: dict[str, str] = {
    # ---- frame and navigation
    "app.about": (
        "Backprop Explorer shows how a neural network learns, one value and one gradient at a "
        "time, following chapter 5 of *Deep Learning from Scratch* (ゼロから作るDeep Learning). "
        "Every number comes from a small NumPy engine, `nnlib`."),
    "page.home.title": "Home",
    "page.home.blurb": "What this app teaches.",
    "page.graph.title": "Computational graphs",
    "page.graph.blurb": "Step node by node through the book's apple graphs, or your own expression.",
    "page.inside.title": "Inside the network",
    "page.inside.blurb": ("One training step as real matrices, and a gradient check that catches "
                          "planted bugs."),
    "page.train.title": "Live training",
    "page.train.blurb": "Set hidden sizes, activation and learning rate, and watch the network learn.",
    # ---- home
    "home.intro": (
        "Neural networks learn by **backpropagation**: a forward pass computes a loss, a backward "
        "pass sends the gradient of that loss back through every operation, and each weight moves "
        "a little against its gradient. This app makes each of those steps visible — from the "
        "book's apple-shopping graph to a network learning handwritten digits."),
    "home.start_here": "Start here",
    "home.engine": "What the engine offers",
    "home.engine_list": ("- Activations: {activations}\n- Losses: {losses}\n"
                         "- Initialisations: {inits}\n- Optimisers: {optimizers}\n"
                         "- Data sets: {datasets}"),
    "home.default_data": "The default data set",
    # ---- shared
    "button.reset": "Reset",
    "button.back": "Back",
    "button.forward": "Forward",
    "button.run_all": "Run all",
    "button.start": "Start",
    "button.pause": "Pause",
    "button.step": "Step",
    "phase.forward": "Forward pass",
    "phase.backward": "Backward pass",
    "phase.update": "Update",
    # ---- computational graphs
    "graph.caption": ("Press Forward to compute one node at a time, then keep going to send the "
                      "gradient back through the graph. Values appear above each edge in blue, "
                      "gradients below in red."),
    "graph.example": "Example",
    "graph.custom": "Your own expression",
    "graph.expression": "Expression",
    "graph.expression_help": "Numbers, names, + - * / **, and exp, log, sigmoid, relu, tanh.",
    "graph.last_valid": "Still showing the last valid expression: `{expression}`",
    "graph.inputs": "Inputs",
    "graph.math_error": "{error} Change the inputs to continue.",
    "graph.step": "Step",
    "graph.start": "{total} steps: {forward} forward, then {backward} backward. Press Forward.",
    "graph.step_of": "Step {k} of {total} — {phase}",
    "graph.seed": "Start the backward pass at the output: ∂L/∂L = 1 (L = {name} = {value}).",
    "graph.checked": "Every input's gradient, checked by central differences",
    "graph.col_input": "input",
    "graph.col_backprop": "backprop",
    "graph.col_numerical": "numerical",
    "graph.col_error": "relative error",
    "graph.checked_caption": ("Numerical gradient: (f(x + h) − f(x − h)) / 2h with a tiny h. A "
                              "relative error far below 1e-5 means backpropagation got it right."),
    # ---- settings shared by pages
    "setting.activation": "Activation",
    "setting.loss": "Loss",
    "setting.seed": "Seed",
    # ---- inside the network
    "inside.caption": ("The same chain rule as the computational graphs, now with matrices: one "
                       "training step of a small network, every array shown, and a lab where "
                       "backprop bugs can be planted and caught."),
    "inside.hidden_empty": "Give at least one hidden layer size, e.g. 3 or 30, 20.",
    "inside.hidden_bad": "Hidden sizes are whole numbers from 1 to 64; “{part}” is not.",
    "inside.hidden_many": "At most 3 hidden layers here, so every matrix stays readable.",
    "inside.data": "Data",
    "inside.data_toy": "one 2-D point",
    "inside.data_digits": "digits batch",
    "inside.hidden": "Hidden sizes",
    "inside.hidden_help": "e.g. 3 or 30, 20",
    "inside.batch": "Batch N",
    "inside.tab_step": "One training step",
    "inside.tab_lab": "Gradient-check lab",
    "inside.shapes": "Shapes: {shapes}",
    "inside.loss_before": "Loss before the step",
    "inside.loss_after": "Loss after the step",
    "inside.edges_w": "weights W",
    "inside.edges_dw": "gradients dW",
    "inside.code": "The code that does this: nnlib.layers.{name}",
    "inside.lab_intro": ("Plant one or more classic bugs into **a copy** of this network and run "
                         "the gradient check: backprop's gradient is compared with the numerical "
                         "one, (L(w + h) − L(w − h)) / 2h, for every parameter."),
    "inside.planted": "Planted bugs",
    "inside.batch_one": ("With a batch of one sample, bugs about the batch size (N) cannot show; "
                         "choose N ≥ 2 to catch them."),
    "inside.checking": "Checking every parameter numerically…",
    "inside.caught_early": "Caught before the check could even compare: {error}",
    "inside.disagrees": "Backprop disagrees with the numerical gradient for {params}.",
    "inside.all_pass": "Every parameter passes: backprop and the numerical gradient agree.",
    "inside.near_kink": ("Some ReLU input lies within 0.001 of 0, where the numerical gradient "
                         "straddles the kink and can disagree even with correct code; try another "
                         "seed."),
    "inside.col_param": "parameter",
    "inside.col_verdict": "verdict",
    "inside.pass": "pass",
    "inside.fail": "FAIL",
    "inside.threshold": ("Relative error ‖g_backprop − g_numerical‖ / (‖g_backprop‖ + "
                         "‖g_numerical‖), threshold {threshold}: in float64 a correct backprop "
                         "agrees to about 1e-9 (the numerical gradient's own error is of order "
                         "h² ≈ 1e-8 relative), while a real bug is off by percent."),
    "inside.where": "Where in the matrix do they disagree?",
    "inside.difference": "difference",
    "inside.why": "**Why it is wrong.** {why}\n\n**How the check exposes it.** {how}",
    # ---- figures
    "fig.batch_loss": "batch loss",
    "fig.batch_loss_smoothed": "batch loss, smoothed {smoothing}",
    "fig.train_loss": "train loss",
    "fig.val_loss": "validation loss",
    "fig.loss": "Loss",
    "fig.iteration": "iteration",
    "fig.epoch": "epoch",
    "fig.train": "train",
    "fig.validation": "validation",
    "fig.accuracy": "Accuracy",
    "fig.r2": "R² (1 is a perfect fit)",
    "fig.predicted_value": "Predicted value",
    "fig.boundary": "Decision boundary",
    "fig.value": "value",
    "fig.network": "network",
    "fig.fitted": "The fitted curve",
    "fig.confusion_hover": "true %{y}, predicted %{x}: %{z}<extra></extra>",
    "fig.predicted": "predicted",
    "fig.true": "true",
    "fig.confusion": "Confusion matrix (validation)",
    "fig.gradient_norms": "Gradient norm per layer",
    "fig.layer": "layer {i}",
    "fig.dead": "{share} dead",
    "fig.activations": "Hidden activations",
    "fig.output": "output",
    "fig.share": "share",
    "fig.run": "run {number}",
    "fig.compare_accuracy": "Validation accuracy of finished runs",
    "fig.compare_r2": "Validation R² of finished runs",
    "fig.edges": "edges: {what} (red > 0, blue < 0, thicker = larger)",
    "fig.mistakes": "Most confident mistakes (true → predicted)",
    "fig.weights": "First-layer weights (red +, blue −)",
    "fig.unit": "unit {u}",
    # ---- live training
    "train.data": "Data",
    "train.dataset": "Data set",
    "train.noise": "Noise",
    "train.points": "Points",
    "train.network": "Network",
    "train.layers": "Hidden layers",
    "train.units": "Units in layer {i}",
    "train.init": "Initialisation",
    "train.loss_auto": "the data set's own",
    "train.training": "Training",
    "train.optimizer": "Optimiser",
    "train.lr": "Learning rate",
    "train.batch": "Batch size",
    "train.epochs": "Epochs",
    "train.decay": "L2 weight decay",
    "train.display": "Display",
    "train.smoothing": "Loss smoothing",
    "train.smoothing_help": "Only changes the chart; the model keeps training.",
    "train.speed": "Speed",
    "train.full": "full",
    "train.pace": "{pace} steps/s",
    "train.speed_help": "Slow training down to watch it; the model is not reset.",
    "train.mnist_download": "Downloading MNIST (about 11 MB, once)…",
    "train.mnist_progress": "Downloading {file}: {done} of {total} MB",
    "train.loading": "Loading the data…",
    "train.reset_toast": "Settings changed: the model was reset.",
    "train.step_help": "Exactly one mini-batch.",
    "train.status": ("**Epoch {epoch} of {epochs}** · iteration {iteration} of {iterations} · "
                     "{rate} samples/s{paced} · {seconds} s · {state}"),
    "train.paced": " (paced at {pace} steps/s)",
    "train.state_running": "running",
    "train.state_ready": "ready",
    "train.state_done": "done",
    "train.state_diverged": "diverged",
    "train.diverged": ("The loss exploded at iteration {iteration}, so training stopped (the "
                       "charts keep the history up to there). Lower the learning rate (now {lr}; "
                       "try {lower}) and reset."),
    "train.finished_accuracy": "Finished: validation accuracy {score} after {epochs} epochs.",
    "train.finished_r2": "Finished: validation R² {score} after {epochs} epochs.",
    "train.forget_runs": "Forget these runs",
    "train.export": "Export",
    "train.export_pause": "Pause first: an export holds one consistent moment of training.",
    "train.export_npz": "Weights, optimiser state and history (.npz)",
    "train.export_npz_help": "Load it again with nnlib.Trainer.load(path, data).",
    "train.export_csv": "History (.csv)",
    "train.url_notice": "The link's {name}={value} is not valid here; using {default}.",
    # ---- your own data
    "train.upload_title": "Your own CSV",
    "train.upload": "CSV file",
    "train.upload_help": ("Three columns: x1, x2 and a label (numbers or words), one point per "
                          "row, an optional header. Name the third column 'target' to fit a "
                          "number instead (regression). Up to 1 MB and 10 000 rows."),
    "train.upload_using": "Training on {name}.",
    "train.upload_example": "Example file (moons)",
    "train.upload_first": ("Upload a CSV in the sidebar: columns x1, x2 and a label. The "
                           "example file there shows the format."),
    "train.upload_problem": "{name} cannot be used: {problem}",
    "train.upload_regression": "a numeric target (regression)",
    "train.upload_classes": "{count} classes ({names})",
    "train.upload_description": ("Your CSV: {rows} points with {kind}; {train} for training and "
                                 "{val} for validation. Inputs are standardised with the training "
                                 "rows' mean and standard deviation."),
    "csv.too_big": "the file is {size:.1f} MB; the limit is {limit:g} MB.",
    "csv.not_text": "the file is not UTF-8 text; save it as CSV (UTF-8).",
    "csv.empty": "the file has no rows.",
    "csv.columns": "row {row} has {count} columns; every row needs 3: x1, x2 and a label.",
    "csv.too_many_rows": "the file has {count:,} rows; the limit is {limit:,}.",
    "csv.too_few_rows": "the file has {count} data rows; at least {minimum} are needed.",
    "csv.missing": "row {row}, column {column} is empty or not a number ({cell!r}).",
    "csv.not_a_number": "row {row}, column {column} is not a number: {cell!r}.",
    "csv.bad_target": "row {row}: the target {cell!r} is not a finite number.",
    "csv.one_class": "every row has the label {label!r}; a classifier needs at least two classes.",
    "csv.too_many_classes": ("the labels name {count} classes; the limit is {limit}. For a "
                             "numeric target, name the third column 'target'."),
    "csv.rare_class": "the class {label!r} has only one row; every class needs at least two.",
}
